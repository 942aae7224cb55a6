namespace WindowsNodeOperator.Runtime.Reconciliation;

/// <summary>
/// A failure that retrying cannot fix (the user must change the object); the key is not requeued
/// until the object changes.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
