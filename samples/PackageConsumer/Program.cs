// Train, query, save and load with the FastW2V package's public API.
//   dotnet run -- CORPUS VECTORS_OUT
using FastW2V;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Training;

if (args.Length != 2) { Console.Error.WriteLine("usage: PackageConsumer CORPUS VECTORS_OUT"); return 2; }
int reports = 0;
using var vectors = Word2Vec.Train(args[0], new TrainingOptions { Architecture = Architecture.SkipGram, Dimension = 20, Iterations = 3, Threads = 2 },
    progress: s => reports++);
Console.WriteLine($"trained {vectors.Count} words x {vectors.Dimension}, {reports} progress report(s)");
using (var neighbours = new NearestNeighbours(vectors))
    foreach (var (word, cosine) in neighbours.Query(["government"], 5)!)
        Console.WriteLine($"  {word} {cosine:F3}");
VectorFileWriter.Write(args[1], vectors, binary: true);
using var back = VectorFileReader.Read(args[1]);
Console.WriteLine(back.Count == vectors.Count ? "round trip ok" : "round trip FAILED");
return back.Count == vectors.Count ? 0 : 1;
