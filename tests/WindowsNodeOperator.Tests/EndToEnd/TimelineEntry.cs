namespace WindowsNodeOperator.Tests.EndToEnd;

internal sealed record TimelineEntry(DateTimeOffset Time, string Subject, string What)
{
    public override string ToString() => $"{Time:MM-dd HH:mm:ss} {Subject} {What}";
}
