using System.Runtime.Intrinsics;

namespace FastW2V.Kernels.Blocked;

/// <summary>
/// One SIMD register of floats, as a type: the blocked kernels are written once over
/// <c>TVec : IFloatVector&lt;TVec&gt;</c> and compiled per instruction set (<see cref="Float256"/> for AVX2,
/// <see cref="Float512"/> for AVX-512). The implementations are one-field structs whose members inline to
/// single instructions: the JIT/AOT compiler keeps each local of such a struct in its own register
/// (checked in the disassembly: no spills, the same loop as written with Vector256 directly).
/// System.Runtime.Intrinsics' own ISimdVector is not public in .NET 9, hence this small interface.
/// </summary>
internal unsafe interface IFloatVector<TVec> where TVec : struct, IFloatVector<TVec>
{
    /// <summary>Floats per register.</summary>
    static abstract int Count { get; }
    /// <summary>Vector registers of the instruction set (16 for AVX2, 32 for AVX-512): how many accumulators a tile may
    /// keep.</summary>
    static abstract int Registers { get; }
    /// <summary>0, 1, 2, … Count − 1.</summary>
    static abstract TVec Indices { get; }
    static abstract TVec Load(float* p);
    static abstract void Store(TVec v, float* p);
    static abstract TVec Broadcast(float x);
    static abstract TVec Add(TVec a, TVec b);
    static abstract TVec Multiply(TVec a, TVec b);
    static abstract TVec Divide(TVec a, TVec b);
    /// <summary>Lane masks (all bits set where true), and their combinations.</summary>
    static abstract TVec Equals(TVec a, TVec b);
    static abstract TVec GreaterThan(TVec a, TVec b);
    static abstract TVec GreaterThanOrEqual(TVec a, TVec b);
    static abstract TVec Or(TVec a, TVec b);
    /// <summary>a with the lanes of mask b cleared.</summary>
    static abstract TVec AndNot(TVec a, TVec b);
    /// <summary>Lanes of a where mask is set, else of b.</summary>
    static abstract TVec Select(TVec mask, TVec a, TVec b);
    /// <summary>a·b + c, fused (one rounding).</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);
    /// <summary>
    /// The 8 horizontal sums of 8 registers at once (lane j = Σ lanes of <paramref name="a0"/>+j), by a
    /// transpose tree: a few instructions per sum instead of a shuffle-and-add ladder each.
    /// </summary>
    static abstract Vector256<float> Sum8(TVec a0, TVec a1, TVec a2, TVec a3, TVec a4, TVec a5, TVec a6, TVec a7);
}
