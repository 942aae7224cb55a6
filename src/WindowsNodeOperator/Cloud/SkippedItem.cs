namespace WindowsNodeOperator.Cloud;

/// <summary>
/// One item of an AWS answer the operator could not trust: a field it reads is missing (<see cref="Value"/> null) or holds
/// a value the service model does not list. <see cref="Item"/> names it for a person (<c>instance i-0abc of group g</c>).
/// </summary>
internal sealed record SkippedItem(string Operation, string Item, string Field, string? Value, string Consequence)
{
    /// <summary>One line naming the item, the field, the value and what the operator does about it.</summary>
    public string Describe() => Value is null
        ? $"{Operation} answered {Item} without {Field}: {Consequence}"
        : $"{Operation} answered {Item} with {Field} '{Value}', a value the operator does not know: {Consequence}";
}
