namespace FastW2V.Kernels;

/// <summary>
/// The float kernels of one instruction set. Lengths are row strides: whole multiples of 16 floats (one
/// Vector512, two Vector256), so no path needs a scalar tail; the padding floats are zero and stay zero.
/// </summary>
internal unsafe interface IVectorKernels : IKernels<float>
{
    static abstract InstructionSet Path { get; }
}
