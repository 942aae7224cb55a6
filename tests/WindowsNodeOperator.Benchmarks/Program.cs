using WindowsNodeOperator.Benchmarks;

// Figures for the paths that grow with the fleet; run with: dotnet run -c Release --project tests/WindowsNodeOperator.Benchmarks
Console.WriteLine("Windows Node Operator benchmarks (Release build recommended)");
Console.WriteLine();
PlannerBenchmark.Run(Console.Out);
