using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

internal sealed class ImageRecord(Ec2Image image)
{
    public Ec2Image Image { get; } = image;

    /// <summary>Instances of a bad image never boot far enough to register a Node.</summary>
    public bool Bad { get; set; }

    /// <summary>
    /// Its owner made it private (as EKS does with old Windows AMIs): this account can no longer describe it, and a launch
    /// from it fails. Instances already running from it run on.
    /// </summary>
    public bool Withdrawn { get; set; }
}
