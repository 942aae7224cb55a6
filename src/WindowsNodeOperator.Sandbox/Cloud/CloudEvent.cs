namespace WindowsNodeOperator.Sandbox.Cloud;

/// <summary>One entry of the simulated account's timeline: what happened to what, and when.</summary>
public sealed record CloudEvent(DateTimeOffset Time, string Subject, string What)
{
    public override string ToString() => $"{Time:HH:mm:ss} {Subject} {What}";
}
