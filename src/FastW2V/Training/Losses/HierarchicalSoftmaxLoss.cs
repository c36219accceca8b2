using System.Numerics;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;

namespace FastW2V.Training.Losses;

/// <summary>
/// Hierarchical softmax (word2vec.c): the probability of a word is the product, along its Huffman path,
/// of σ(±u_nᵀh) over the inner nodes n, the sign set by the code bit (0 → +, 1 → −). So
/// J = −Σ_d log σ((1 − 2·code_d)·u_{point_d}ᵀh), and each node is one logistic step exactly like a
/// negative-sampling target with label 1 − code: u_n += g·h, gradient += g·u_n (u_n before its step).
/// </summary>
internal static unsafe class HierarchicalSoftmaxLoss
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Apply<T, TKernels, TSigmoid>(T* tree, int stride, T* hidden, T* gradient, byte* code, int* point,
        int length, T alpha, in TSigmoid sigmoid)
        where T : unmanaged, INumber<T> where TKernels : struct, IKernels<T> where TSigmoid : struct, ISigmoidPolicy<T>
    {
        T loss = T.Zero;
        for (int d = 0; d < length; d++)
        {
            T* u = tree + (long)point[d] * stride;
            if (sigmoid.TreeStep(TKernels.Dot(hidden, u, stride), code[d] == 0, alpha, ref loss, out T g))
                TKernels.AccumulateAndUpdate(g, u, hidden, gradient, stride);
        }
        return loss;
    }
}
