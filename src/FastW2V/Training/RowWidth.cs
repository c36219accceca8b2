namespace FastW2V.Training;

/// <summary>
/// A row width in Vector512s, as a type: generic code over <c>TWidth</c> sees <c>TWidth.Vectors</c> as
/// a constant, so the JIT/AOT compiler removes the guards for absent vectors and keeps each present one
/// in its own register (a loop over an array of vectors would live in memory instead).
/// </summary>
internal interface IRowWidth { static abstract int Vectors { get; } }
internal struct Width1 : IRowWidth { public static int Vectors => 1; }
internal struct Width2 : IRowWidth { public static int Vectors => 2; }
internal struct Width3 : IRowWidth { public static int Vectors => 3; }
internal struct Width4 : IRowWidth { public static int Vectors => 4; }
internal struct Width5 : IRowWidth { public static int Vectors => 5; }
internal struct Width6 : IRowWidth { public static int Vectors => 6; }
internal struct Width7 : IRowWidth { public static int Vectors => 7; }
internal struct Width8 : IRowWidth { public static int Vectors => 8; }
