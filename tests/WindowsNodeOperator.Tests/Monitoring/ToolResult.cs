namespace WindowsNodeOperator.Tests.Monitoring;

internal sealed record ToolResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
