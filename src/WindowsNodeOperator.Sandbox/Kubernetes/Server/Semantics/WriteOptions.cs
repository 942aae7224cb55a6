namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Query options of a write (dryRun, fieldValidation, fieldManager, force) and the warnings it produced.</summary>
internal sealed class WriteOptions
{
    public bool DryRun { get; init; }

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    public string? FieldManager { get; init; }

    public bool Force { get; init; }

    /// <summary>Keep a creationTimestamp the object already carries: seeding state that existed before the server started.</summary>
    public bool KeepCreationTimestamp { get; init; }

    public List<string> Warnings { get; } = [];
}
