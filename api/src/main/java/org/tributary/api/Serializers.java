package org.tributary.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * Finds the {@link RecordSerializer} for a type; null stays null both ways. Serializers are looked
 * up per application (the thread's context class loader), so an application's own serializers are
 * found, and nothing of an undeployed application is kept (the map's keys are weak).
 */
public final class Serializers {

  private static final Map<ClassLoader, List<RecordSerializer>> BY_APPLICATION =
      new WeakHashMap<>();

  private Serializers() {}

  public static byte[] serialize(Object value) {
    return value == null ? null : forType(value.getClass()).serialize(value);
  }

  public static <T> T deserialize(byte[] data, Class<T> type) {
    return data == null ? null : forType(type).deserialize(data, type);
  }

  private static RecordSerializer forType(Class<?> type) {
    ClassLoader application = Thread.currentThread().getContextClassLoader();
    if (application == null) {
      application = Serializers.class.getClassLoader();
    }
    List<RecordSerializer> serializers;
    synchronized (BY_APPLICATION) {
      serializers = BY_APPLICATION.computeIfAbsent(application, Serializers::load);
    }
    for (RecordSerializer serializer : serializers) {
      if (serializer.handles(type)) {
        return serializer;
      }
    }
    throw new TributaryClientException(
        "INVALID_RECORD", "No RecordSerializer handles " + type.getName() + ".");
  }

  private static List<RecordSerializer> load(ClassLoader application) {
    List<RecordSerializer> all = new ArrayList<>();
    ServiceLoader.load(RecordSerializer.class, application).forEach(all::add);
    all.add(new Utf8Strings());
    all.add(new RawBytes());
    all.add(new JsonBinding());
    all.sort(Comparator.comparingInt(RecordSerializer::priority).reversed());
    return List.copyOf(all);
  }

  /** {@code String} as UTF-8. */
  static final class Utf8Strings implements RecordSerializer {
    @Override
    public boolean handles(Class<?> type) {
      return type == String.class;
    }

    @Override
    public byte[] serialize(Object value) {
      return ((String) value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
      return type.cast(new String(data, StandardCharsets.UTF_8));
    }
  }

  /** {@code byte[]} as it is. */
  static final class RawBytes implements RecordSerializer {
    @Override
    public boolean handles(Class<?> type) {
      return type == byte[].class;
    }

    @Override
    public byte[] serialize(Object value) {
      return (byte[]) value;
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
      return type.cast(data);
    }
  }

  /** Any other object as JSON, with JSON-B's default mapping. */
  static final class JsonBinding implements RecordSerializer {

    /** One per application: JSON-B caches the classes it maps. */
    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public boolean handles(Class<?> type) {
      return true;
    }

    @Override
    public byte[] serialize(Object value) {
      return jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
      return jsonb.fromJson(new String(data, StandardCharsets.UTF_8), type);
    }

    @Override
    public int priority() {
      return Integer.MIN_VALUE;
    }
  }
}
