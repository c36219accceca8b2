using FastW2V.Training.Losses;

namespace FastW2V.Tests.Training;

public unsafe partial class GradientCheckTests
{
    /// <summary>
    /// Batched CBOW (<see cref="BatchedCbowReference"/>, which the trainer's batch step is tested against):
    /// the shared negatives with their multiplicities and per-centre masks, the union of the paths, and the
    /// way back through the hidden vectors to every context row (sum, or mean with 1/n) are the gradient of
    /// the batch's summed loss.
    /// </summary>
    [Test]
    public void Batched_cbow_gradients_of_every_row([Values("ns", "hs", "hs+ns")] string heads, [Values] bool mean)
    {
        const int words = 20, dim = 6;
        var p = new Problem(words, dim, 12);
        var tree = Tree(words, 12);
        var batch = BatchedCbowReference.Example;
        CheckAll(p, alpha => BatchedCbowReference.Apply(p.Input, p.Output, p.Tree, dim, dim, batch, negatives: heads != "hs",
            heads.StartsWith("hs") ? tree : null, mean, divide: true, alpha,
            (f, _) => ExactSigmoidPolicy<double>.Sigmoid(f), ownWordsFirst: false), $"batched CBOW {heads} {(mean ? "mean" : "sum")}");
    }
}
