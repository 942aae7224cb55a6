namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// A launch template version the operator pinned for a group: made from <see cref="SourceVersion"/> of the group's
/// template with only the image changed. The group keeps launching the source until a refresh applies the pinned one.
/// </summary>
internal sealed record LedgerTemplate(string TemplateId, string? TemplateName, string SourceVersion, string PinnedVersion, string ImageId);
