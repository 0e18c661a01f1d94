package org.tributary.group;

/** One member a LeaveGroup names: by member id, or a static member by its instance id alone. */
public record ClassicLeave(String memberId, String groupInstanceId) {}
