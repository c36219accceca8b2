using FastW2V.Training.Losses;

namespace FastW2V.Tests.Training;

/// <summary>
/// One CBOW batch as the trainer takes it, as data: the sentence, the batch's centre positions, each
/// centre's window (inclusive positions), the shared negatives (distinct, with how often each was drawn).
/// </summary>
internal sealed record CbowBatch(int[] Sentence, int[] Centres, (int From, int To)[] Windows, int[] Negatives, int[] Multiplicity);

/// <summary>
/// The batched CBOW update in double precision, written plainly from its definition: h_b is the sum (or mean) of centre b's context rows; the
/// loss sums −log σ(±u·h_b) over the cells of the batch (negative sampling: b's own word with label 1,
/// each shared negative with label 0 and its multiplicity as weight, except a negative equal to b's own
/// word; hierarchical softmax: the nodes of b's Huffman path, label 1 − code); every target row takes
/// Δu = −α·∂J/∂u, and each context row of window b takes factor_b·Δh_b with Δh_b = −α·∂J/∂h_b (factor 1/n
/// for the mean's gradient, 1 for the sum and for word2vec.c's mean). Every score is taken from the rows
/// as they were at the batch's start, except that the trainer scores the shared negatives after the own
/// words' rows took their steps (<c>ownWordsFirst</c>; the gradient checks use the fully deferred update,
/// whose first-order difference from it would show up there as an error of order alpha). The gradient checks compare it with
/// finite differences (exact sigmoid); the kernel tests compare the trainer with it (word2vec.c's table).
/// </summary>
internal static unsafe class BatchedCbowReference
{
    /// <summary>σ(f) for a cell, or null when the cell is skipped (hierarchical softmax outside the table).</summary>
    public delegate double? Sigmoid(double f, bool tree);

    /// <summary>Applies the update to the arrays (rows <paramref name="stride"/> apart) and returns J before it.</summary>
    public static double Apply(double[] input, double[] output, double[] treeRows, int dim, int stride, CbowBatch batch,
        bool negatives, HuffmanTree? tree, bool mean, bool divide, double alpha, Sigmoid sigmoid, bool ownWordsFirst = true)
    {
        int count = batch.Centres.Length;
        var hidden = new double[count][];
        var dHidden = new double[count][];
        var factor = new double[count];
        for (int b = 0; b < count; b++)
        {
            hidden[b] = new double[dim];
            dHidden[b] = new double[dim];
            int n = 0;
            foreach (int j in Context(batch, b))
            {
                for (int k = 0; k < dim; k++) hidden[b][k] += input[batch.Sentence[j] * stride + k];
                n++;
            }
            if (mean) for (int k = 0; k < dim; k++) hidden[b][k] /= n;
            factor[b] = mean && divide ? 1.0 / n : 1.0;
        }
        var dOutput = new double[output.Length];
        var dTree = new double[treeRows.Length];
        double loss = 0;
        void Cell(int b, double[] matrix, double[] delta, int row, bool positive, double weight, bool isTree)
        {
            double f = 0;
            for (int k = 0; k < dim; k++) f += matrix[row * stride + k] * hidden[b][k];
            double? s = sigmoid(f, isTree);
            if (s is not double sigma) return;
            loss -= weight * Math.Log(positive ? sigma : 1 - sigma);
            double g = ((positive ? 1 : 0) - sigma) * alpha * weight;
            for (int k = 0; k < dim; k++)
            {
                delta[row * stride + k] += g * hidden[b][k];
                dHidden[b][k] += g * matrix[row * stride + k];
            }
        }
        for (int b = 0; b < count; b++)
        {
            int word = batch.Sentence[batch.Centres[b]];
            if (tree != null)
                for (int d = 0; d < tree.Length(word); d++)
                    Cell(b, treeRows, dTree, tree.Points(word)[d], tree.Codes(word)[d] == 0, 1, true);
            if (negatives) Cell(b, output, dOutput, word, true, 1, false);
        }
        // The own words' rows take their steps before the shared negatives are scored (a centre's word can
        // be another centre's negative), as word2vec.c steps each target row before scoring the next.
        if (ownWordsFirst)
        {
            for (int i = 0; i < output.Length; i++) output[i] += dOutput[i];
            Array.Clear(dOutput);
        }
        for (int b = 0; b < count && negatives; b++)
        {
            int word = batch.Sentence[batch.Centres[b]];
            for (int t = 0; t < batch.Negatives.Length; t++)
                if (batch.Negatives[t] != word) Cell(b, output, dOutput, batch.Negatives[t], false, batch.Multiplicity[t], false);
        }
        for (int i = 0; i < output.Length; i++) output[i] += dOutput[i];
        for (int i = 0; i < treeRows.Length; i++) treeRows[i] += dTree[i];
        for (int b = 0; b < count; b++)
            foreach (int j in Context(batch, b))
                for (int k = 0; k < dim; k++) input[batch.Sentence[j] * stride + k] += factor[b] * dHidden[b][k];
        return loss;
    }

    private static IEnumerable<int> Context(CbowBatch batch, int b)
    {
        for (int j = batch.Windows[b].From; j <= batch.Windows[b].To; j++)
            if (j != batch.Centres[b]) yield return j;
    }

    /// <summary>A batch with every corner: two centres of the same word, overlapping windows, a word twice
    /// in a window, a negative drawn twice, negatives equal to centres' own words.</summary>
    public static CbowBatch Example => new(
        Sentence: [3, 9, 11, 17, 2, 9, 14, 5, 8, 17, 12],
        Centres: [1, 5, 9],                       // words 9, 9, 17
        Windows: [(0, 3), (3, 7), (7, 10)],       // position 3 (word 17) is in two windows
        Negatives: [5, 9, 17, 12],                // 9 and 17 are no negatives for the centres of that word
        Multiplicity: [2, 1, 1, 1]);
}
