namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>How an <see cref="AnswerFault"/> spoils a successful answer.</summary>
public enum AnswerFaultKind
{
    /// <summary>The body ends at an offset, mid-document: a proxy or a connection that gave up part way.</summary>
    Truncate,

    /// <summary>A field carries a value the service model does not list (a state added after the client was built).</summary>
    UnknownValue,

    /// <summary>A field is left out of the answer.</summary>
    DropField,
}
