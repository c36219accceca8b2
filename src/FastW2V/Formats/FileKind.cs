namespace FastW2V.Formats;

/// <summary>What a path names once links are followed: .NET's FileInfo cannot tell a FIFO or a device
/// from a regular file (both are "Normal"), and replacing /dev/null by renaming over it, or reading a
/// link's own length as the corpus's, are exactly the mistakes this prevents.</summary>
internal enum FileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Other }
