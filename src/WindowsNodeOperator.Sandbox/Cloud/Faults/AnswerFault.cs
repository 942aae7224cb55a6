namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>
/// A fault on the answer of a call that was served: the call took effect and its answer is spoiled on the way back.
/// <see cref="Field"/> is the element (XML, by local name) or property (JSON) to change, a path with <c>/</c> for a nested
/// one (<c>instanceState/name</c>); with <see cref="Resource"/>, only the items holding a field whose value is that id
/// (an instance, group or refresh id) are changed. <see cref="Offset"/> is where a truncated body ends (half of it when
/// null).
/// </summary>
public sealed record AnswerFault(AnswerFaultKind Kind, string? Field = null, string? Value = null, string? Resource = null, int? Offset = null)
{
    /// <summary>The body cut at <paramref name="offset"/> bytes, or at half its length.</summary>
    public static AnswerFault Truncate(int? offset = null) => new(AnswerFaultKind.Truncate, Offset: offset);

    /// <summary><paramref name="field"/> carries <paramref name="value"/>, in every item or only in <paramref name="resource"/>'s.</summary>
    public static AnswerFault UnknownValue(string field, string value, string? resource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new(AnswerFaultKind.UnknownValue, field, value, resource);
    }

    /// <summary><paramref name="field"/> is left out, of every item or only of <paramref name="resource"/>'s.</summary>
    public static AnswerFault DropField(string field, string? resource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        return new(AnswerFaultKind.DropField, field, Resource: resource);
    }
}
