using FastW2V.Storage;
using BenchmarkDotNet.Attributes;
using FastW2V.Kernels;

namespace FastW2V.Bench;

/// <summary>The level-1 kernels per instruction set on rows of the usual widths (in L1).</summary>
public unsafe class KernelBenchmarks
{
    private AlignedBuffer _buffer = null!;
    private float* _a, _b;

    [Params(112, 304)] // d = 100 and d = 300, padded to 16 floats
    public int Stride { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _buffer = new AlignedBuffer(2L * Stride * sizeof(float));
        _a = (float*)_buffer.Pointer;
        _b = _a + Stride;
        for (int i = 0; i < Stride; i++) { _a[i] = i * 1e-3f; _b[i] = 1 - i * 1e-3f; }
    }

    [GlobalCleanup] public void Cleanup() => _buffer.Dispose();

    [Benchmark] public float DotScalar() => VectorKernelsScalar.Dot(_a, _b, Stride);
    [Benchmark] public float DotV256() => VectorKernelsV256.Dot(_a, _b, Stride);
    [Benchmark(Baseline = true)] public float DotV512() => VectorKernelsV512.Dot(_a, _b, Stride);
    [Benchmark] public void AxpyScalar() => VectorKernelsScalar.Axpy(1e-6f, _a, _b, Stride);
    [Benchmark] public void AxpyV256() => VectorKernelsV256.Axpy(1e-6f, _a, _b, Stride);
    [Benchmark] public void AxpyV512() => VectorKernelsV512.Axpy(1e-6f, _a, _b, Stride);
}
