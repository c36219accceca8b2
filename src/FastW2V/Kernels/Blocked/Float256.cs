using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vec = System.Runtime.Intrinsics.Vector256<float>;

namespace FastW2V.Kernels.Blocked;

/// <summary>AVX2 + FMA: 8 floats per register, 16 registers (the tiles keep 8 accumulators + operands).</summary>
internal readonly unsafe struct Float256 : IFloatVector<Float256>
{
    private readonly Vec _v;
    private Float256(Vec v) => _v = v;

    public static int Count => 8;
    public static int Registers => 16;
    public static Float256 Indices => new(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Load(float* p) => new(Vector256.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float256 v, float* p) => Vector256.Store(v._v, p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Broadcast(float x) => new(Vector256.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Add(Float256 a, Float256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Divide(Float256 a, Float256 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Equals(Float256 a, Float256 b) => new(Vector256.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 GreaterThan(Float256 a, Float256 b) => new(Vector256.GreaterThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 GreaterThanOrEqual(Float256 a, Float256 b) => new(Vector256.GreaterThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Or(Float256 a, Float256 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 AndNot(Float256 a, Float256 b) => new(Vector256.AndNot(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Select(Float256 mask, Float256 a, Float256 b) =>
        new(Vector256.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Multiply(Float256 a, Float256 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(Float256 a, Float256 b, Float256 c) =>
        new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));

    /// <summary>
    /// Three rounds of horizontal adds fold pairs, then pairs of pairs (each 128-bit half holds 4 partial
    /// sums of 4 registers), and one cross-half add finishes: 6 hadd, 2 permutes, 1 add for 8 sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(Float256 a0, Float256 a1, Float256 a2, Float256 a3, Float256 a4, Float256 a5,
        Float256 a6, Float256 a7)
    {
        Vec s01 = Avx.HorizontalAdd(a0._v, a1._v), s23 = Avx.HorizontalAdd(a2._v, a3._v);
        Vec s45 = Avx.HorizontalAdd(a4._v, a5._v), s67 = Avx.HorizontalAdd(a6._v, a7._v);
        // Per 128-bit half: (Σa0, Σa1, Σa2, Σa3) over that half's 4 lanes; likewise a4…a7.
        Vec q0 = Avx.HorizontalAdd(s01, s23), q1 = Avx.HorizontalAdd(s45, s67);
        return Avx.Permute2x128(q0, q1, 0x20) + Avx.Permute2x128(q0, q1, 0x31);
    }
}
