namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>The names a CRD registers (spec.names).</summary>
public sealed record CustomResourceNames(
    string Plural,
    string Singular,
    string Kind,
    string ListKind,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories);
