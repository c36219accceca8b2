using System.Numerics;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;

namespace FastW2V.Training.Losses;

/// <summary>
/// CBOW's hidden vector and the way its gradient returns to the context rows. h = Σ_c v_c (sum) or
/// (1/n)Σ_c v_c (mean) over the window's words except the centre; then ∂J/∂v_c = ∂J/∂h for the sum and
/// (1/n)·∂J/∂h for the mean. word2vec.c (and gensim) use the mean without the 1/n on the way back,
/// the gradient of the mean with an n times larger learning rate for the input rows; that is the default,
/// and <c>--cbow-exact-gradient</c> gives the factor 1/n.
/// </summary>
internal static unsafe class CbowHidden
{
    /// <summary>Builds h from the rows of <c>words[from..to]</c> except <c>words[centre]</c>; returns n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Forward<T, TKernels>(T* input, int stride, int* words, int from, int to, int centre, bool mean,
        T* hidden)
        where T : unmanaged, INumber<T> where TKernels : struct, IKernels<T>
    {
        new Span<T>(hidden, stride).Clear();
        int n = 0;
        for (int j = from; j <= to; j++)
        {
            if (j == centre) continue;
            TKernels.Axpy(T.One, input + (long)words[j] * stride, hidden, stride);
            n++;
        }
        if (mean && n > 0) TKernels.Scale(T.One / T.CreateTruncating(n), hidden, stride);
        return n;
    }

    /// <summary>
    /// Adds <c>factor·gradient</c> to every context row, where <c>gradient</c> is −alpha·∂J/∂h from the
    /// losses and factor is 1/n for the mean (1 for the sum and for word2vec.c's mean).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T, TKernels>(T* input, int stride, int* words, int from, int to, int centre, T factor,
        T* gradient)
        where T : unmanaged, INumber<T> where TKernels : struct, IKernels<T>
    {
        for (int j = from; j <= to; j++)
            if (j != centre) TKernels.Axpy(factor, gradient, input + (long)words[j] * stride, stride);
    }
}
