using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vec = System.Runtime.Intrinsics.Vector512<float>;

namespace FastW2V.Kernels.Blocked;

/// <summary>AVX-512: 16 floats per register, 32 registers.</summary>
internal readonly unsafe struct Float512 : IFloatVector<Float512>
{
    private readonly Vec _v;
    private Float512(Vec v) => _v = v;

    public static int Count => 16;
    public static int Registers => 32;
    public static Float512 Indices =>
        new(Vector512.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Load(float* p) => new(Vector512.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float512 v, float* p) => Vector512.Store(v._v, p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Broadcast(float x) => new(Vector512.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Add(Float512 a, Float512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Divide(Float512 a, Float512 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Equals(Float512 a, Float512 b) => new(Vector512.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 GreaterThan(Float512 a, Float512 b) => new(Vector512.GreaterThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 GreaterThanOrEqual(Float512 a, Float512 b) => new(Vector512.GreaterThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Or(Float512 a, Float512 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 AndNot(Float512 a, Float512 b) => new(Vector512.AndNot(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Select(Float512 mask, Float512 a, Float512 b) =>
        new(Vector512.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Multiply(Float512 a, Float512 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(Float512 a, Float512 b, Float512 c) =>
        new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));

    /// <summary>
    /// Halves of pairs, then quarters of pairs of pairs, then in-lane shuffles: 25 instructions for 8 sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum8(Float512 a0, Float512 a1, Float512 a2, Float512 a3, Float512 a4, Float512 a5,
        Float512 a6, Float512 a7)
    {
        // c_i: 128-bit lanes 0–1 fold a[2i] to 8 floats, lanes 2–3 fold a[2i+1].
        Vec c0 = Avx512F.Shuffle4x128(a0._v, a1._v, 0x44) + Avx512F.Shuffle4x128(a0._v, a1._v, 0xEE);
        Vec c1 = Avx512F.Shuffle4x128(a2._v, a3._v, 0x44) + Avx512F.Shuffle4x128(a2._v, a3._v, 0xEE);
        Vec c2 = Avx512F.Shuffle4x128(a4._v, a5._v, 0x44) + Avx512F.Shuffle4x128(a4._v, a5._v, 0xEE);
        Vec c3 = Avx512F.Shuffle4x128(a6._v, a7._v, 0x44) + Avx512F.Shuffle4x128(a6._v, a7._v, 0xEE);
        // e_j: 128-bit lane i holds a[4j+i] folded to 4 floats.
        Vec e0 = Avx512F.Shuffle4x128(c0, c1, 0x88) + Avx512F.Shuffle4x128(c0, c1, 0xDD);
        Vec e1 = Avx512F.Shuffle4x128(c2, c3, 0x88) + Avx512F.Shuffle4x128(c2, c3, 0xDD);
        // In-lane pairs, then pairs of pairs: lane i holds (Σa[i], Σa[i+4], Σa[i], Σa[i+4]).
        Vec h = Avx512F.Shuffle(e0, e1, 0x88) + Avx512F.Shuffle(e0, e1, 0xDD);
        Vec r = Avx512F.Shuffle(h, h, 0x88) + Avx512F.Shuffle(h, h, 0xDD);
        return Avx512F.PermuteVar16x32(r,
            Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower();
    }
}
