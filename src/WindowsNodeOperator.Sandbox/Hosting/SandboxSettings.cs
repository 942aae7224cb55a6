namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>What `sandbox` was asked for on its command line.</summary>
internal sealed record SandboxSettings(
    FileInfo Kubeconfig,
    int Port,
    bool NoOperator,
    FileInfo? Fleet,
    int? Seed,
    bool NoSample,
    bool NoNewAmi,
    double Speed,
    int MetricsPort,
    FileInfo? AwsEnv = null,
    bool ExitWhenDone = false,
    string? HoldAt = null,
    bool PrintWrites = false);
