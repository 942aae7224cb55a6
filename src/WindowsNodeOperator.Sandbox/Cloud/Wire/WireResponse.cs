namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>What goes back on the wire, or <see cref="Dropped"/>: the connection is cut and no answer is sent.</summary>
internal sealed record WireResponse(int StatusCode, string ContentType, byte[] Body, string RequestId)
{
    public bool Dropped { get; init; }

    public static WireResponse Drop() => new(0, string.Empty, [], string.Empty) { Dropped = true };
}
