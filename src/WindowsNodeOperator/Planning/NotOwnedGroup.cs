namespace WindowsNodeOperator.Planning;

/// <summary>A group the policy selects that lacks the ownership tags: the operator does nothing to it.</summary>
/// <param name="MissingTags">Each missing tag as <c>key=value</c>.</param>
internal sealed record NotOwnedGroup(string Name, IReadOnlyList<string> MissingTags)
{
    public string Message =>
        $"Auto Scaling group {Name} lacks the ownership tag(s) {string.Join(" and ", MissingTags)}: "
        + "the operator leaves it alone; tag it, or leave it out of the policy";
}
