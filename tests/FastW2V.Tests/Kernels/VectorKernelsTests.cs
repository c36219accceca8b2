using FastW2V.Storage;
using FastW2V.Kernels;

namespace FastW2V.Tests.Kernels;

public unsafe class VectorKernelsTests
{
    public static IEnumerable<InstructionSet> Paths => InstructionSetSupport.Supported;

    private sealed class Run<TK> where TK : struct, IVectorKernels
    {
        public static (float Dot, float[] Axpy, float[] Scale, float[] U, float[] G) All(float[] a, float[] b, float[] c)
        {
            int n = a.Length;
            using var m = new EmbeddingMatrix(5, n);
            float* x = m.Row(0), y = m.Row(1), u = m.Row(2), g = m.Row(3), s = m.Row(4);
            a.CopyTo(new Span<float>(x, n)); b.CopyTo(new Span<float>(y, n)); b.CopyTo(new Span<float>(u, n));
            c.CopyTo(new Span<float>(g, n)); a.CopyTo(new Span<float>(s, n));
            float dot = TK.Dot(x, y, m.Stride);
            TK.Axpy(0.37f, x, y, m.Stride);
            TK.Scale(-1.5f, s, m.Stride);
            TK.AccumulateAndUpdate(0.21f, u, x, g, m.Stride);
            return (dot, m.RowSpan(1).ToArray(), m.RowSpan(4).ToArray(), m.RowSpan(2).ToArray(), m.RowSpan(3).ToArray());
        }
    }

    private static (float, float[], float[], float[], float[]) RunPath(InstructionSet path, float[] a, float[] b, float[] c) => path switch
    {
        InstructionSet.V512 => Run<VectorKernelsV512>.All(a, b, c),
        InstructionSet.V256 => Run<VectorKernelsV256>.All(a, b, c),
        _ => Run<VectorKernelsScalar>.All(a, b, c),
    };

    [TestCaseSource(nameof(Paths))]
    public void Every_path_equals_the_scalar_reference_to_float_rounding(InstructionSet path)
    {
        var rng = new Random(7);
        foreach (int n in new[] { 1, 15, 16, 17, 50, 100, 200, 300, 301 })
        {
            float[] R() => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] a = R(), b = R(), c = R();
            var expected = RunPath(InstructionSet.Scalar, a, b, c);
            var actual = RunPath(path, a, b, c);
            double exactDot = a.Zip(b).Sum(p => (double)p.First * p.Second);
            Assert.That(actual.Item1, Is.EqualTo(exactDot).Within(1e-5 * n), $"dot n={n}");
            Assert.That(expected.Item1, Is.EqualTo(exactDot).Within(1e-5 * n), $"scalar dot n={n}");
            Assert.That(actual.Item2, Is.EqualTo(expected.Item2).Within(1e-6), $"axpy n={n}");
            Assert.That(actual.Item3, Is.EqualTo(expected.Item3).Within(1e-6), $"scale n={n}");
            Assert.That(actual.Item4, Is.EqualTo(expected.Item4).Within(1e-6), $"update n={n}");
            Assert.That(actual.Item5, Is.EqualTo(expected.Item5).Within(1e-6), $"gradient n={n}");
            // And against the definition: gradient += g·u (old u), u += g·v.
            for (int i = 0; i < n; i++)
            {
                Assert.That(actual.Item5[i], Is.EqualTo(c[i] + 0.21f * b[i]).Within(1e-6));
                Assert.That(actual.Item4[i], Is.EqualTo(b[i] + 0.21f * a[i]).Within(1e-6));
            }
        }
    }

    [Test]
    public void The_forcing_variable_selects_a_strategy_by_name_or_instruction_set_and_rejects_nonsense()
    {
        Assert.That(KernelStrategies.Choose("scalar"), Is.SameAs(KernelStrategies.Scalar));
        Assert.That(KernelStrategies.Choose(null), Is.SameAs(KernelStrategies.Supported[0]));
        Assert.That(KernelStrategies.Supported[^1], Is.SameAs(KernelStrategies.Scalar));
        foreach (var strategy in KernelStrategies.Supported)
            Assert.That(KernelStrategies.Choose(strategy.Name.ToUpperInvariant()), Is.SameAs(strategy));
        if (InstructionSetSupport.IsSupported(InstructionSet.V256))
        {
            // An instruction set alone means its best strategy.
            Assert.That(KernelStrategies.Choose("avx2"), Is.SameAs(KernelStrategies.Avx2Blocked));
            Assert.That(KernelStrategies.Choose("v256"), Is.SameAs(KernelStrategies.Avx2Blocked));
            Assert.That(KernelStrategies.Loop(InstructionSet.V256), Is.SameAs(KernelStrategies.Avx2Loop));
        }
        var e = Assert.Throws<FastW2VException>(() => KernelStrategies.Choose("avx9000"));
        Assert.That(e!.Message, Does.Contain("avx2-blocked"));
        if (!InstructionSetSupport.IsSupported(InstructionSet.V512))
            Assert.Throws<FastW2VException>(() => KernelStrategies.Choose("avx512-blocked"));
    }

    [Test]
    public void The_strategies_are_listed_best_first_and_the_default_is_the_best_supported()
    {
        Assert.That(KernelStrategies.All.Select(s => s.Name),
            Is.EqualTo(new[] { "avx512-blocked", "avx2-blocked", "avx512-loop", "avx2-loop", "scalar" }));
        Assert.That(KernelStrategies.Supported, Is.EqualTo(KernelStrategies.All.Where(s => InstructionSetSupport.IsSupported(s.InstructionSet))));
        if (Environment.GetEnvironmentVariable(KernelStrategies.EnvironmentVariable) == null)
            Assert.That(KernelStrategies.Default, Is.SameAs(KernelStrategies.Supported[0]));
    }
}
