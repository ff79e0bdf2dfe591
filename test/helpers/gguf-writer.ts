import { writeFileSync } from 'node:fs';

/**
 * A minimal GGUF v3 writer (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md):
 * header, typed metadata, tensor infos, then F32 tensor data aligned to 32 bytes.
 * Enough to hand llama.cpp a real model file in tests.
 */

export type MetaValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: string[] }
  | { type: 'f32[]'; value: number[] }
  | { type: 'i32[]'; value: number[] };

export interface Tensor {
  name: string;
  /** ggml order: dims[0] is the length of one row (the contiguous axis). */
  dims: number[];
  data: Float32Array;
}

const ALIGNMENT = 32;
const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
const TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_TYPE_F32 = 0;

class ByteWriter {
  private chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  string(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    if (pad) this.push(Buffer.alloc(pad));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function writeValue(w: ByteWriter, v: MetaValue): void {
  switch (v.type) {
    case 'u32':
      w.u32(TYPE.u32);
      w.u32(v.value);
      return;
    case 'i32':
      w.u32(TYPE.i32);
      w.i32(v.value);
      return;
    case 'f32':
      w.u32(TYPE.f32);
      w.f32(v.value);
      return;
    case 'bool':
      w.u32(TYPE.bool);
      w.push(Buffer.from([v.value ? 1 : 0]));
      return;
    case 'string':
      w.u32(TYPE.string);
      w.string(v.value);
      return;
    case 'string[]':
      w.u32(TYPE.array);
      w.u32(TYPE.string);
      w.u64(v.value.length);
      for (const s of v.value) w.string(s);
      return;
    case 'f32[]':
      w.u32(TYPE.array);
      w.u32(TYPE.f32);
      w.u64(v.value.length);
      for (const n of v.value) w.f32(n);
      return;
    case 'i32[]':
      w.u32(TYPE.array);
      w.u32(TYPE.i32);
      w.u64(v.value.length);
      for (const n of v.value) w.i32(n);
      return;
  }
}

export function encodeGguf(metadata: Record<string, MetaValue>, tensors: Tensor[]): Buffer {
  const w = new ByteWriter();
  w.u32(GGUF_MAGIC);
  w.u32(3);
  w.u64(tensors.length);
  w.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    w.string(key);
    writeValue(w, value);
  }
  let offset = 0;
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length)
      throw new Error(
        `tensor ${t.name}: dims ${t.dims.join('x')} hold ${count} values, data has ${t.data.length}`,
      );
    w.string(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(GGML_TYPE_F32);
    w.u64(offset);
    offset += Math.ceil(t.data.byteLength / ALIGNMENT) * ALIGNMENT;
  }
  w.padTo(ALIGNMENT);
  for (const t of tensors) {
    w.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    w.padTo(ALIGNMENT);
  }
  return w.toBuffer();
}

export function writeGguf(path: string, metadata: Record<string, MetaValue>, tensors: Tensor[]): void {
  writeFileSync(path, encodeGguf(metadata, tensors));
}
