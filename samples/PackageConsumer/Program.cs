// Train, query, save and load with the FastW2V package's public API.
//   dotnet run -- CORPUS VECTORS_OUT
using FastW2V;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Training;
using FastW2V.Vocabularies;

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

// A whole job with files: the README's example.
var report = TrainingRun.Execute(new TrainingJob
{
    Input = args[0],
    Output = args[1] + ".txt",
    Training = new TrainingOptions { Architecture = Architecture.SkipGram, Dimension = 20, Loss = LossKind.NegativeSampling, Threads = 2 },
    Vocabulary = new VocabularyOptions { MinCount = 5 },
}, new TrainingEvents { Log = Console.Error.WriteLine });
Console.WriteLine($"job: {report.Corpus.VocabularyWords} words, {report.Result!.WordsPerSecond:N0} words/s, wrote {report.Outputs[0].Path}");
return back.Count == vectors.Count && File.Exists(args[1] + ".txt") ? 0 : 1;
