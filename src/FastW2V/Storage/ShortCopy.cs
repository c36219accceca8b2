using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastW2V.Storage;

/// <summary>
/// Copies of a few dozen bytes (words, word pairs) without a call: <see cref="Span{T}.CopyTo"/> of a
/// variable length goes through a Memmove call, a real share of the phrase passes, which copy each
/// word three or four times. Each size class loads the head and the tail of the range (overlapping) and
/// stores them after both are loaded, so it reads nothing outside the source and the ranges may overlap.
/// </summary>
internal static unsafe class ShortCopy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(byte* destination, byte* source, int length)
    {
        if (length <= 16)
        {
            if (length >= 8)
            {
                ulong head = Unsafe.ReadUnaligned<ulong>(source),
                    tail = Unsafe.ReadUnaligned<ulong>(source + length - 8);
                Unsafe.WriteUnaligned(destination, head);
                Unsafe.WriteUnaligned(destination + length - 8, tail);
            }
            else if (length >= 4)
            {
                uint head = Unsafe.ReadUnaligned<uint>(source), tail = Unsafe.ReadUnaligned<uint>(source + length - 4);
                Unsafe.WriteUnaligned(destination, head);
                Unsafe.WriteUnaligned(destination + length - 4, tail);
            }
            else if (length > 0)
            {
                byte first = source[0], middle = source[length >> 1], last = source[length - 1];
                destination[0] = first;
                destination[length >> 1] = middle;
                destination[length - 1] = last;
            }
        }
        else if (length <= 32)
        {
            var head = Vector128.Load(source);
            var tail = Vector128.Load(source + length - 16);
            head.Store(destination);
            tail.Store(destination + length - 16);
        }
        else if (length <= 64)
        {
            var head = Vector256.Load(source);
            var tail = Vector256.Load(source + length - 32);
            head.Store(destination);
            tail.Store(destination + length - 32);
        }
        else
        {
            new ReadOnlySpan<byte>(source, length).CopyTo(new Span<byte>(destination, length));
        }
    }
}
