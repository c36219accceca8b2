namespace FastW2V.Training.Batched;

/// <summary>
/// The inner nodes on any of a CBOW batch's Huffman paths, each once (the root and the upper levels are
/// on most paths, so the batch scores them once for all its rows), with a label byte per (node, row): 0
/// when the node is not on that row's path, else 1 + the row's code bit there. Nodes are found in a small
/// open-addressing hash of their ids that is emptied again before returning.
/// </summary>
internal static unsafe class PathUnion
{
    /// <returns>The number of nodes written to <paramref name="nodes"/>.</returns>
    public static int Build(in OutputHeads heads, int* centres, int batch, int columns, int* nodes, byte* labels,
        int* hash, int hashMask)
    {
        int count = 0;
        for (int b = 0; b < batch; b++)
        {
            int word = centres[b];
            int* points = heads.Points(word);
            byte* codes = heads.Codes(word);
            for (int d = 0, length = heads.PathLength(word); d < length; d++)
            {
                int node = points[d], slot;
                for (int h = Home(node, hashMask); ; h = (h + 1) & hashMask)
                {
                    int entry = hash[h];
                    if (entry == 0)
                    {
                        slot = count++;
                        hash[h] = slot + 1;
                        nodes[slot] = node;
                        new Span<byte>(labels + slot * columns, columns).Clear();
                        break;
                    }
                    if (nodes[entry - 1] == node) { slot = entry - 1; break; }
                }
                labels[slot * columns + b] = (byte)(1 + codes[d]);
            }
        }
        // Empty the hash: each node's entry is somewhere along its probe sequence.
        for (int slot = 0; slot < count; slot++)
        {
            int h = Home(nodes[slot], hashMask);
            while (hash[h] != slot + 1) h = (h + 1) & hashMask;
            hash[h] = 0;
        }
        return count;
    }

    private static int Home(int node, int mask) => (int)(((uint)node * 0x9E3779B1u) >> 16) & mask;
}
