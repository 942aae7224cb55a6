namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>One version of a CRD: whether it is served and stored, its schema, subresources and printer columns.</summary>
public sealed record CustomResourceVersionInfo(
    string Name,
    bool Served,
    bool Storage,
    StructuralSchema Schema,
    CustomResourceSubresources Subresources,
    IReadOnlyList<PrinterColumn> PrinterColumns);
