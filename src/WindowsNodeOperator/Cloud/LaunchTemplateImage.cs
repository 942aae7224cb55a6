namespace WindowsNodeOperator.Cloud;

/// <summary>
/// The image a launch template version launches; <see cref="Template"/> carries the id, the name and the explicit
/// version number. <see cref="ImageId"/> is null when the version sets no image.
/// </summary>
public sealed record LaunchTemplateImage(LaunchTemplateRef Template, string? ImageId);
