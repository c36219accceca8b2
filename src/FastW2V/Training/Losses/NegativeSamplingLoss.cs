using System.Numerics;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;

namespace FastW2V.Training.Losses;

/// <summary>
/// Negative sampling for one hidden vector h and its targets (the word to predict first, then the K
/// negatives): J = −log σ(u_oᵀh) − Σ_k log σ(−u_kᵀh). Each target row gets the SGD step
/// u += g·h with g = (label − σ(uᵀh))·alpha = −alpha·∂J/∂u / h, and <c>gradient</c> accumulates
/// g·u (from u before its step) = −alpha·∂J/∂h, which the caller applies to the input rows. A negative
/// drawn twice is two terms of J, stepped one after the other as word2vec.c does.
/// </summary>
internal static unsafe class NegativeSamplingLoss
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Apply<T, TKernels, TSigmoid>(T* output, int stride, T* hidden, T* gradient, int* targets, int count,
        T alpha, in TSigmoid sigmoid)
        where T : unmanaged, INumber<T> where TKernels : struct, IKernels<T> where TSigmoid : struct, ISigmoidPolicy<T>
    {
        T loss = T.Zero;
        for (int j = 0; j < count; j++)
        {
            T* u = output + (long)targets[j] * stride;
            T g = sigmoid.Step(TKernels.Dot(hidden, u, stride), j == 0, alpha, ref loss);
            TKernels.AccumulateAndUpdate(g, u, hidden, gradient, stride);
        }
        return loss;
    }
}
