namespace WindowsNodeOperator.Cloud;

internal sealed record VolumeFacts(string VolumeId, bool Encrypted);
