using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Planning;

/// <summary>Give the group a new launch template version launching <paramref name="ImageId"/>, and make the group use it.</summary>
internal sealed record UpdateLaunchTemplate(string Group, LaunchTemplateRef LaunchTemplate, string ImageId) : PlanAction;
