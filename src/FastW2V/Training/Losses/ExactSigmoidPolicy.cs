using System.Numerics;

namespace FastW2V.Training.Losses;

/// <summary>The exact sigmoid, never clipped, with a stable log: the reference of the gradient checks.</summary>
internal readonly struct ExactSigmoidPolicy<T> : ISigmoidPolicy<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    public static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));

    /// <summary>−log σ(x) = log(1 + e^−x), computed without overflow for any x.</summary>
    public static T NegativeLogSigmoid(T x) => T.Max(-x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));

    public T Step(T f, bool positive, T alpha, ref T loss)
    {
        loss += NegativeLogSigmoid(positive ? f : -f);
        return ((positive ? T.One : T.Zero) - Sigmoid(f)) * alpha;
    }

    public bool TreeStep(T f, bool positive, T alpha, ref T loss, out T g)
    {
        g = Step(f, positive, alpha, ref loss);
        return true;
    }
}
