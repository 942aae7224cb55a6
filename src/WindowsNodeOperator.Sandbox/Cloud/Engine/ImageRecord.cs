using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

internal sealed class ImageRecord(Ec2Image image)
{
    public Ec2Image Image { get; } = image;

    /// <summary>Instances of a bad image never boot far enough to register a Node.</summary>
    public bool Bad { get; set; }
}
