using FastW2V.Kernels;
using FastW2V.Training.Losses;

namespace FastW2V.Tests.Training;

/// <summary>
/// Finite-difference checks of every gradient the trainer applies. The losses are the trainer's own
/// generic code (NegativeSamplingLoss, HierarchicalSoftmaxLoss, FullSoftmaxLoss, CbowHidden), run here in
/// double precision with the exact sigmoid: the loss J(θ) is the call with learning rate 0 (no step),
/// the analytic gradient is read from the SGD step the same call takes with a tiny learning rate
/// (Δθ = −alpha·∂J/∂θ), and the numerical one is a central difference of J. Relative error
/// |a − n| / max(|a|, |n|, 1e-8) must stay below 1e-5 for every parameter.
/// </summary>
[Category("GradientCheck")]
public unsafe partial class GradientCheckTests
{
    private const double Alpha = 1e-7;   // analytic: small enough that sequential steps do not interact
    private const double H = 1e-6;       // numerical: central-difference step
    private const double Tolerance = 1e-5;

    private sealed class Problem
    {
        public readonly int Words, Dim;
        public readonly double[] Input, Output, Tree;
        public Problem(int words, int dim, int seed)
        {
            Words = words; Dim = dim;
            var rng = new Random(seed);
            double[] Random(int rows) => Enumerable.Range(0, rows * dim).Select(_ => rng.NextDouble() - 0.5).ToArray();
            Input = GC.AllocateArray<double>(words * dim, pinned: true);
            Output = GC.AllocateArray<double>(words * dim, pinned: true);
            Tree = GC.AllocateArray<double>((words - 1) * dim, pinned: true);
            Random(words).CopyTo(Input, 0);
            Random(words).CopyTo(Output, 0);
            Random(words - 1).CopyTo(Tree, 0);
        }
        public double[][] Parameters => [Input, Output, Tree];
        public static double* P(double[] a) => (double*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref a[0]);
    }

    /// <summary>
    /// <paramref name="run"/>(alpha) applies one step with learning rate alpha to the problem's arrays and
    /// returns the loss before it. Compares, for every parameter of every array, the step-implied
    /// gradient with central differences of the loss.
    /// </summary>
    private static void CheckAll(Problem p, Func<double, double> run, string what)
    {
        int checkedCount = 0;
        var before = p.Parameters.Select(a => (double[])a.Clone()).ToArray();
        run(Alpha);
        var analytic = p.Parameters.Select((a, k) => a.Select((x, i) => (before[k][i] - x) / Alpha).ToArray()).ToArray();
        for (int k = 0; k < before.Length; k++) before[k].CopyTo(p.Parameters[k], 0);
        for (int k = 0; k < before.Length; k++)
        {
            var array = p.Parameters[k];
            for (int i = 0; i < array.Length; i++)
            {
                double x = array[i];
                array[i] = x + H; double plus = run(0);
                array[i] = x - H; double minus = run(0);
                array[i] = x;
                double numeric = (plus - minus) / (2 * H);
                double a = analytic[k][i];
                double error = Math.Abs(a - numeric) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(numeric)), 1e-8);
                Assert.That(error, Is.LessThan(Tolerance), $"{what}: array {k} element {i}: analytic {a}, numeric {numeric}");
                if (a != 0) checkedCount++;
            }
        }
        Assert.That(checkedCount, Is.GreaterThan(p.Dim), $"{what}: the check must see non-zero gradients");
    }

    [Test]
    public void Sigmoid_derivative_is_sigma_times_one_minus_sigma()
    {
        foreach (double x in new[] { -8.0, -2.5, -0.3, 0, 0.7, 3.1, 9 })
        {
            double s = ExactSigmoidPolicy<double>.Sigmoid(x);
            double numeric = (ExactSigmoidPolicy<double>.Sigmoid(x + H) - ExactSigmoidPolicy<double>.Sigmoid(x - H)) / (2 * H);
            Assert.That(s * (1 - s), Is.EqualTo(numeric).Within(1e-9), $"x = {x}");
            // and the loss the policies add: d/dx −log σ(x) = σ(x) − 1
            double dLoss = (ExactSigmoidPolicy<double>.NegativeLogSigmoid(x + H) - ExactSigmoidPolicy<double>.NegativeLogSigmoid(x - H)) / (2 * H);
            Assert.That(s - 1, Is.EqualTo(dLoss).Within(1e-9), $"x = {x}");
        }
    }

    [Test]
    public void Softmax_cross_entropy_gradient_is_y_hat_minus_y()
    {
        var rng = new Random(3);
        double[] z = Enumerable.Range(0, 17).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
        const int target = 5;
        double Loss(double[] logits)
        {
            var copy = (double[])logits.Clone();
            fixed (double* c = copy) return FullSoftmaxLoss.SoftmaxInPlace(c, copy.Length) - logits[target];
        }
        var yHat = (double[])z.Clone();
        fixed (double* y = yHat) FullSoftmaxLoss.SoftmaxInPlace(y, yHat.Length);
        for (int i = 0; i < z.Length; i++)
        {
            var plus = (double[])z.Clone(); plus[i] += H;
            var minus = (double[])z.Clone(); minus[i] -= H;
            double numeric = (Loss(plus) - Loss(minus)) / (2 * H);
            double analytic = yHat[i] - (i == target ? 1 : 0);
            Assert.That(Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), 1e-8), Is.LessThan(Tolerance));
        }
    }

    [Test]
    public void Softmax_is_shift_invariant_and_stable()
    {
        double[] x = [1, 2, 3, -4, 0.5];
        double[] shifted = x.Select(v => v + 1000).ToArray();
        float[] huge = [1e30f, -1e30f, 88f, 1e30f];
        double lx, ls;
        fixed (double* a = x) lx = FullSoftmaxLoss.SoftmaxInPlace(a, x.Length);
        fixed (double* b = shifted) ls = FullSoftmaxLoss.SoftmaxInPlace(b, shifted.Length);
        Assert.That(shifted, Is.EqualTo(x).Within(1e-12));
        Assert.That(ls - 1000, Is.EqualTo(lx).Within(1e-9));
        Assert.That(x.Sum(), Is.EqualTo(1).Within(1e-12));
        fixed (float* h = huge) FullSoftmaxLoss.SoftmaxInPlace(h, huge.Length);
        Assert.That(huge, Is.EqualTo(new[] { 0.5f, 0f, 0f, 0.5f }));
    }

    [TestCase(12, 5, 1)]
    [TestCase(30, 16, 2)]
    public void Skip_gram_full_softmax_gradients_of_the_centre_vector_and_every_output_row(int words, int dim, int seed)
    {
        var p = new Problem(words, dim, seed);
        var gradient = new double[dim];
        var scratch = new double[words];
        const int context = 3, target = 7;
        CheckAll(p, alpha =>
        {
            Array.Clear(gradient);
            double* v = Problem.P(p.Input) + context * dim;
            double loss;
            fixed (double* g = gradient, s = scratch)
            {
                loss = FullSoftmaxLoss.Apply<double, ReferenceKernels<double>>(Problem.P(p.Output), dim, words, v, g, target, alpha, s);
                ReferenceKernels<double>.Axpy(1, g, v, dim); // as the trainer applies the input gradient
            }
            return loss;
        }, "skip-gram softmax");
    }

    [TestCase(10, 5, 1)]
    [TestCase(40, 12, 2)]
    public void Skip_gram_negative_sampling_gradients_including_a_negative_drawn_twice(int words, int dim, int seed)
    {
        var p = new Problem(words, dim, seed);
        var gradient = new double[dim];
        int[] targets = [4, 1, 8, 2, 8]; // positive first; word 8 is drawn twice
        CheckAll(p, alpha =>
        {
            Array.Clear(gradient);
            double* v = Problem.P(p.Input) + 6 * dim;
            double loss;
            fixed (double* g = gradient) fixed (int* t = targets)
            {
                loss = NegativeSamplingLoss.Apply<double, ReferenceKernels<double>, ExactSigmoidPolicy<double>>(
                    Problem.P(p.Output), dim, v, g, t, targets.Length, alpha, new ExactSigmoidPolicy<double>());
                ReferenceKernels<double>.Axpy(1, g, v, dim);
            }
            return loss;
        }, "skip-gram negative sampling");
    }

    private static HuffmanTree Tree(int words, int seed)
    {
        var rng = new Random(seed);
        long[] counts = Enumerable.Range(0, words).Select(_ => (long)rng.Next(1, 1000)).OrderDescending().ToArray();
        return new HuffmanTree(counts);
    }

    [TestCase(10, 5, 1)]
    [TestCase(50, 16, 2)]
    public void Hierarchical_softmax_gradients_of_the_centre_vector_and_each_inner_node(int words, int dim, int seed)
    {
        var p = new Problem(words, dim, seed);
        var tree = Tree(words, seed);
        var gradient = new double[dim];
        int target = words - 2; // a rare word: a long path
        CheckAll(p, alpha =>
        {
            Array.Clear(gradient);
            double* v = Problem.P(p.Input) + 1 * dim;
            double loss;
            fixed (double* g = gradient)
            {
                loss = HierarchicalSoftmaxLoss.Apply<double, ReferenceKernels<double>, ExactSigmoidPolicy<double>>(Problem.P(p.Tree), dim, v, g,
                    tree.Codes(target), tree.Points(target), tree.Length(target), alpha, new ExactSigmoidPolicy<double>());
                ReferenceKernels<double>.Axpy(1, g, v, dim);
            }
            return loss;
        }, "hierarchical softmax");
    }

    public enum Loss { NegativeSampling, HierarchicalSoftmax, FullSoftmax }

    /// <summary>CBOW: every context vector (one of them twice in the window) gets ∂J/∂h (sum) or ∂J/∂h / n (mean).</summary>
    [Test]
    public void Cbow_gradients_of_every_context_vector([Values] Loss loss, [Values] bool mean)
    {
        const int words = 20, dim = 7;
        var p = new Problem(words, dim, 5);
        var tree = Tree(words, 5);
        var hidden = new double[dim];
        var gradient = new double[dim];
        var scratch = new double[words];
        int[] sentence = [3, 9, 11, 17, 2, 9, 14]; // centre at position 3 (word 17); word 9 appears twice
        int[] targets = [17, 5, 12, 5];
        const int centre = 3;
        CheckAll(p, alpha =>
        {
            double J;
            fixed (double* h = hidden, g = gradient, s = scratch) fixed (int* words_ = sentence, t = targets)
            {
                double* input = Problem.P(p.Input);
                int n = CbowHidden.Forward<double, ReferenceKernels<double>>(input, dim, words_, 0, sentence.Length - 1, centre, mean, h);
                Array.Clear(gradient);
                J = loss switch
                {
                    Loss.NegativeSampling => NegativeSamplingLoss.Apply<double, ReferenceKernels<double>, ExactSigmoidPolicy<double>>(
                        Problem.P(p.Output), dim, h, g, t, targets.Length, alpha, new ExactSigmoidPolicy<double>()),
                    Loss.HierarchicalSoftmax => HierarchicalSoftmaxLoss.Apply<double, ReferenceKernels<double>, ExactSigmoidPolicy<double>>(
                        Problem.P(p.Tree), dim, h, g, tree.Codes(17), tree.Points(17), tree.Length(17), alpha, new ExactSigmoidPolicy<double>()),
                    _ => FullSoftmaxLoss.Apply<double, ReferenceKernels<double>>(Problem.P(p.Output), dim, words, h, g, 17, alpha, s),
                };
                CbowHidden.Backward<double, ReferenceKernels<double>>(input, dim, words_, 0, sentence.Length - 1, centre, mean ? 1.0 / n : 1.0, g);
            }
            return J;
        }, $"CBOW {(mean ? "mean" : "sum")} {loss}");
    }

    /// <summary>
    /// A skip-gram window (centre 17, contexts at distance ≤ 2) as the trainer walks it, pair after pair:
    /// its gradient is the sum of the pairs' gradients, and words outside the window get none.
    /// </summary>
    [Test]
    public void A_window_gradient_is_the_sum_of_its_pairs_and_zero_outside()
    {
        const int words = 20, dim = 6;
        var p = new Problem(words, dim, 9);
        var gradient = new double[dim];
        int[] sentence = [1, 3, 9, 11, 17, 2, 9, 14, 6];
        const int centre = 4, window = 2;
        int[][] negatives = [[5, 12], [8, 5], [13, 19], [4, 4]];
        double Window(double alpha)
        {
            double J = 0;
            int pair = 0;
            for (int j = centre - window; j <= centre + window; j++)
            {
                if (j == centre) continue;
                int[] targets = [sentence[centre], .. negatives[pair++]];
                Array.Clear(gradient);
                double* v = Problem.P(p.Input) + sentence[j] * dim;
                fixed (double* g = gradient) fixed (int* t = targets)
                {
                    J += NegativeSamplingLoss.Apply<double, ReferenceKernels<double>, ExactSigmoidPolicy<double>>(
                        Problem.P(p.Output), dim, v, g, t, targets.Length, alpha, new ExactSigmoidPolicy<double>());
                    ReferenceKernels<double>.Axpy(1, g, v, dim);
                }
            }
            return J;
        }
        CheckAll(p, Window, "skip-gram window");
        // Words outside the window (1, 14, 6) and never drawn: no change at all.
        var before = (double[])p.Input.Clone();
        Window(0.1);
        foreach (int w in new[] { 1, 14, 6 })
            Assert.That(p.Input.AsSpan(w * dim, dim).ToArray(), Is.EqualTo(before.AsSpan(w * dim, dim).ToArray()), $"word {w}");
        Assert.That(p.Input.AsSpan(11 * dim, dim).ToArray(), Is.Not.EqualTo(before.AsSpan(11 * dim, dim).ToArray()));
    }
}
