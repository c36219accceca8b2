namespace FastW2V.Kernels;

/// <summary>One way to run the training kernels: an instruction set and a technique.</summary>
/// <param name="Name">What <c>FW2V_SIMD</c> and the logs call it.</param>
/// <param name="Blocked">Register-blocked strips (three small matrix products per batched update) rather
/// than level-1 loops (a dot product and two axpy per cell).</param>
public sealed record KernelStrategy(string Name, InstructionSet InstructionSet, bool Blocked, string Description)
{
    /// <summary>This CPU runs it.</summary>
    public bool IsSupported => InstructionSetSupport.IsSupported(InstructionSet);
    /// <summary>Its name (avx2-blocked, ...).</summary>
    public override string ToString() => Name;
}
