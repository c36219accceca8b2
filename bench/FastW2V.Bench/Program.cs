using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/FastW2V.Bench -- --filter '*'   (or a class name)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
