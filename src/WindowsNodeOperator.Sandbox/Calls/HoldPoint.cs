namespace WindowsNodeOperator.Sandbox.Calls;

/// <summary>
/// A named call to stop the world at: <see cref="After"/> applies the call and withholds its answer (the client never
/// learns it took effect), otherwise the call is held unapplied.
/// </summary>
internal sealed record HoldPoint(string Name, bool After, string Description, Func<WireCall, bool> Matches)
{
    public override string ToString() => Name;
}
