namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>The simulated call timed out after the service processed it: its effects happened, its response was lost.</summary>
public sealed class SimulatedTimeoutException : TimeoutException
{
    public SimulatedTimeoutException(string operation)
        : base($"The request to {operation} timed out.")
    {
        Operation = operation;
    }

    public SimulatedTimeoutException()
        : this("the simulated service")
    {
    }

    public SimulatedTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public string Operation { get; }

    /// <summary>No answer came at all (<see cref="FaultKind.NoAnswer"/>), rather than a connection dropped.</summary>
    public bool Unanswered { get; init; }
}
