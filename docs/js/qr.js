// QR codes drawn in the browser, for addresses only the browser knows (a handout's link holds the
// items chosen during the session). Byte mode, error correction level M (as the QR codes drawn at
// build time: netguide/qr.py), any version from 1 to 40, the mask with the lowest penalty.
// Written after ISO/IEC 18004 and Project Nayuki's public description of the algorithm; checked
// against segno, module for module, by tests/test_qr_js.py.
// window.netguideQR.matrix(text) -> rows of booleans (true: dark), without the quiet zone;
// window.netguideQR.svg(text) -> an <svg> element with a quiet zone of 4 modules, sized by CSS.
(() => {
  "use strict";

  // Per version (index 1 to 40), for level M: error correction codewords per block, number of blocks.
  const ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
  const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
    25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
  const LEVEL_M = 0; // the two format bits of level M
  const QUIET_ZONE = 4;

  const bit = (value, index) => ((value >>> index) & 1) !== 0;

  // Modules left for data and error correction once the function patterns are drawn.
  function rawModules(version) {
    let count = (16 * version + 128) * version + 64;
    if (version >= 2) {
      const align = Math.floor(version / 7) + 2;
      count -= (25 * align - 10) * align - 55;
      if (version >= 7) count -= 36;
    }
    return count;
  }

  const dataCodewords = (version) => Math.floor(rawModules(version) / 8) - ECC_PER_BLOCK[version] * BLOCKS[version];

  // --- Reed-Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 ---------------------------------
  function multiply(x, y) {
    let product = 0;
    for (let i = 7; i >= 0; i--) {
      product = (product << 1) ^ ((product >>> 7) * 0x11d);
      product ^= ((y >>> i) & 1) * x;
    }
    return product;
  }

  function divisor(degree) {
    const result = new Array(degree).fill(0);
    result[degree - 1] = 1;
    let root = 1;
    for (let i = 0; i < degree; i++) {
      for (let j = 0; j < degree; j++) {
        result[j] = multiply(result[j], root);
        if (j + 1 < degree) result[j] ^= result[j + 1];
      }
      root = multiply(root, 0x02);
    }
    return result;
  }

  function remainder(data, generator) {
    const result = generator.map(() => 0);
    for (const byte of data) {
      const factor = byte ^ result.shift();
      result.push(0);
      generator.forEach((coefficient, index) => { result[index] ^= multiply(coefficient, factor); });
    }
    return result;
  }

  // --- Data codewords ----------------------------------------------------------------------------------
  function codewords(bytes, version) {
    const bits = [];
    const push = (value, length) => { for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1); };
    push(0b0100, 4); // byte mode
    push(bytes.length, version < 10 ? 8 : 16);
    for (const byte of bytes) push(byte, 8);
    const capacity = dataCodewords(version) * 8;
    push(0, Math.min(4, capacity - bits.length));
    push(0, (8 - (bits.length % 8)) % 8);
    for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) push(pad, 8);
    const data = [];
    for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((byte, b) => (byte << 1) | b, 0));
    return data;
  }

  // Split into blocks, add each block's error correction, interleave.
  function interleaved(data, version) {
    const blockCount = BLOCKS[version];
    const eccLength = ECC_PER_BLOCK[version];
    const total = Math.floor(rawModules(version) / 8);
    const shortBlocks = blockCount - (total % blockCount);
    const shortLength = Math.floor(total / blockCount);
    const generator = divisor(eccLength);
    const blocks = [];
    for (let i = 0, at = 0; i < blockCount; i++) {
      const length = shortLength - eccLength + (i < shortBlocks ? 0 : 1);
      const part = data.slice(at, at + length);
      at += length;
      blocks.push({ data: part, ecc: remainder(part, generator) });
    }
    const result = [];
    for (let i = 0; i <= shortLength - eccLength; i++) {
      for (const block of blocks) if (i < block.data.length) result.push(block.data[i]);
    }
    for (let i = 0; i < eccLength; i++) for (const block of blocks) result.push(block.ecc[i]);
    return result;
  }

  // --- The matrix --------------------------------------------------------------------------------------
  function alignmentPositions(version) {
    if (version === 1) return [];
    const count = Math.floor(version / 7) + 2;
    const step = Math.floor((version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
    const positions = [6];
    for (let position = version * 4 + 10; positions.length < count; position -= step) positions.splice(1, 0, position);
    return positions;
  }

  function draw(version, stream) {
    const size = version * 4 + 17;
    const dark = Array.from({ length: size }, () => new Array(size).fill(false));
    const fixed = Array.from({ length: size }, () => new Array(size).fill(false));
    const set = (x, y, value) => { dark[y][x] = value; fixed[y][x] = true; };

    for (let i = 0; i < size; i++) {
      set(6, i, i % 2 === 0);
      set(i, 6, i % 2 === 0);
    }
    for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          const distance = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, distance !== 2 && distance !== 4);
        }
      }
    }
    const positions = alignmentPositions(version);
    const last = positions.length - 1;
    positions.forEach((cy, i) => positions.forEach((cx, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }));
    drawFormat(dark, fixed, 0); // reserves the format areas; drawn again once the mask is chosen
    if (version >= 7) {
      let rem = version;
      for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      const bits = (version << 12) | rem;
      for (let i = 0; i < 18; i++) {
        const a = size - 11 + (i % 3);
        const b = Math.floor(i / 3);
        set(a, b, bit(bits, i));
        set(b, a, bit(bits, i));
      }
    }

    // Codewords in two-module columns, zigzag from the bottom right, around the function patterns.
    let index = 0;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vertical = 0; vertical < size; vertical++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? size - 1 - vertical : vertical;
          if (!fixed[y][x] && index < stream.length * 8) {
            dark[y][x] = bit(stream[index >>> 3], 7 - (index & 7));
            index++;
          }
        }
      }
    }
    return { size, dark, fixed };
  }

  function drawFormat(dark, fixed, mask) {
    const size = dark.length;
    const data = (LEVEL_M << 3) | mask;
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const set = (x, y, value) => { dark[y][x] = value; fixed[y][x] = true; };
    for (let i = 0; i <= 5; i++) set(8, i, bit(bits, i));
    set(8, 7, bit(bits, 6));
    set(8, 8, bit(bits, 7));
    set(7, 8, bit(bits, 8));
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(bits, i));
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(bits, i));
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(bits, i));
    set(8, size - 8, true);
  }

  const MASKS = [
    (x, y) => (x + y) % 2 === 0,
    (x, y) => y % 2 === 0,
    (x) => x % 3 === 0,
    (x, y) => (x + y) % 3 === 0,
    (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
    (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
    (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ];

  function masked({ size, dark, fixed }, mask) {
    const result = dark.map((row) => row.slice());
    const marks = fixed.map((row) => row.slice());
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if (!fixed[y][x] && MASKS[mask](x, y)) result[y][x] = !result[y][x];
    }
    drawFormat(result, marks, mask);
    return result;
  }

  // The standard's four penalties: long runs, 2x2 blocks, finder-like patterns, imbalance.
  const FINDER_LIKE = [[1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]];

  function penalty(modules) {
    const size = modules.length;
    let score = 0;
    let darkCount = 0;
    const lines = [];
    for (let i = 0; i < size; i++) {
      lines.push(modules[i]);
      lines.push(modules.map((row) => row[i]));
    }
    for (const line of lines) {
      let run = 1;
      for (let i = 1; i <= size; i++) {
        if (i < size && line[i] === line[i - 1]) {
          run++;
        } else {
          if (run >= 5) score += run - 2;
          run = 1;
        }
      }
      for (let i = 0; i + 11 <= size; i++) {
        for (const pattern of FINDER_LIKE) {
          if (pattern.every((value, k) => line[i + k] === (value === 1))) score += 40;
        }
      }
    }
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (modules[y][x]) darkCount++;
        if (x + 1 < size && y + 1 < size) {
          const value = modules[y][x];
          if (modules[y][x + 1] === value && modules[y + 1][x] === value && modules[y + 1][x + 1] === value) score += 3;
        }
      }
    }
    const total = size * size;
    score += (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10;
    return score;
  }

  function matrix(text, forcedMask) {
    const bytes = new TextEncoder().encode(text);
    let version = 1;
    while (version <= 40 && 4 + (version < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(version) * 8) version++;
    if (version > 40) throw new RangeError("too long for a QR code");
    const base = draw(version, interleaved(codewords(bytes, version), version));
    if (forcedMask !== undefined) return masked(base, forcedMask);
    let best = null;
    let bestScore = Infinity;
    for (let mask = 0; mask < 8; mask++) {
      const candidate = masked(base, mask);
      const score = penalty(candidate);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  function svg(text) {
    const modules = matrix(text);
    const side = modules.length + QUIET_ZONE * 2;
    const namespace = "http://www.w3.org/2000/svg";
    const element = document.createElementNS(namespace, "svg");
    element.setAttribute("viewBox", `0 0 ${side} ${side}`);
    element.setAttribute("class", "guide-qr__code");
    element.setAttribute("aria-hidden", "true");
    const background = document.createElementNS(namespace, "rect");
    background.setAttribute("width", side);
    background.setAttribute("height", side);
    background.setAttribute("fill", "#fff");
    let path = "";
    modules.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) {
        if (!row[x]) continue;
        let end = x;
        while (end + 1 < row.length && row[end + 1]) end++;
        path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${end - x + 1}v1h${x - end - 1}z`;
        x = end;
      }
    });
    const dark = document.createElementNS(namespace, "path");
    dark.setAttribute("d", path);
    dark.setAttribute("fill", "#000");
    element.append(background, dark);
    return element;
  }

  window.netguideQR = { matrix, svg };
})();
