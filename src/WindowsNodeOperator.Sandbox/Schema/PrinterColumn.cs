namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>One additionalPrinterColumns entry of a CRD version.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Format, string? Description, int Priority);
