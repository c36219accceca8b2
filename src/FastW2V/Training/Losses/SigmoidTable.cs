using FastW2V.Storage;
using FastW2V.Kernels;
namespace FastW2V.Training.Losses;

/// <summary>
/// word2vec.c's precomputed sigmoid: σ(x) for x in [−6, 6] at 1000 points, clipped outside. Also
/// log σ(x) and log σ(−x) = log(1 − σ(x)) at the same points, so one index gives the step size and the
/// loss of a positive or a negative example.
/// </summary>
internal sealed unsafe class SigmoidTable : IDisposable
{
    public const float MaxExp = 6f;
    public const int Size = 1000;
    public const float Scale = Size / MaxExp / 2;
    private readonly AlignedBuffer _buffer = new((Size + 1) * 3 * sizeof(float));

    public float* Sigmoid => (float*)_buffer.Pointer;
    public float* LogSigmoid => (float*)_buffer.Pointer + Size + 1;
    public float* LogSigmoidOfNegative => (float*)_buffer.Pointer + 2 * (Size + 1);

    public SigmoidTable()
    {
        for (int i = 0; i <= Size; i++)
        {
            // word2vec.c: expTable[i] = exp((i / SIZE * 2 - 1) * MAX_EXP), then e / (e + 1).
            double x = (i / (double)Size * 2 - 1) * MaxExp;
            Sigmoid[i] = (float)(1 / (1 + Math.Exp(-x)));
            LogSigmoid[i] = (float)-Math.Log(1 + Math.Exp(-x));
            LogSigmoidOfNegative[i] = (float)-Math.Log(1 + Math.Exp(x));
        }
    }

    /// <summary>Table index for x in (−6, 6) (callers clip first, as word2vec.c does).</summary>
    public static int Index(float x) => (int)((x + MaxExp) * Scale);

    public void Dispose() => _buffer.Dispose();
}
