namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>The connection of a simulated call was reset before the service processed it: nothing happened, no answer came.</summary>
public sealed class SimulatedConnectionResetException : IOException
{
    public SimulatedConnectionResetException(string operation)
        : base($"The connection to {operation} was reset.")
    {
        Operation = operation;
    }

    public SimulatedConnectionResetException()
        : this("the simulated service")
    {
    }

    public SimulatedConnectionResetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public string Operation { get; }
}
