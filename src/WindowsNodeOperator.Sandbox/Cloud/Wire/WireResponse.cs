namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// What goes back on the wire, or <see cref="Dropped"/>: the connection is cut and no answer is sent, or
/// <see cref="Unanswered"/>: the connection stays open and no answer comes until the caller gives up.
/// </summary>
internal sealed record WireResponse(int StatusCode, string ContentType, byte[] Body, string RequestId)
{
    public bool Dropped { get; init; }

    public bool Unanswered { get; init; }

    public static WireResponse Drop() => new(0, string.Empty, [], string.Empty) { Dropped = true };

    public static WireResponse Silence() => new(0, string.Empty, [], string.Empty) { Unanswered = true };
}
