namespace FastW2V.Kernels.Blocked;

/// <summary>
/// How many rows a tile of <see cref="BlockedProducts{TVec}"/> computes, as a type: generic code sees
/// <c>THeight.Rows</c> as a constant, so the accumulators of absent rows compile away and the present
/// ones stay in registers.
/// </summary>
internal interface ITileHeight { static abstract int Rows { get; } }
internal struct Rows1 : ITileHeight { public static int Rows => 1; }
internal struct Rows2 : ITileHeight { public static int Rows => 2; }
internal struct Rows3 : ITileHeight { public static int Rows => 3; }
internal struct Rows4 : ITileHeight { public static int Rows => 4; }
internal struct Rows5 : ITileHeight { public static int Rows => 5; }
internal struct Rows6 : ITileHeight { public static int Rows => 6; }
internal struct Rows7 : ITileHeight { public static int Rows => 7; }
internal struct Rows8 : ITileHeight { public static int Rows => 8; }
