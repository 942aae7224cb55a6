namespace WindowsNodeOperator.Cli;

/// <summary>An audit command cannot go on; the message is the one line it prints before exiting 2.</summary>
internal sealed class AuditFailure(string message, Exception? inner = null) : Exception(message, inner);
