namespace FastW2V.Kernels;

/// <summary>The instruction sets FastW2V has code paths for.</summary>
public enum InstructionSet
{
    /// <summary>Plain scalar code: the reference every vector path is tested against.</summary>
    Scalar,
    /// <summary>256-bit vectors (AVX2 + FMA on x64).</summary>
    V256,
    /// <summary>512-bit vectors (AVX-512 on x64).</summary>
    V512,
}
