internal import CSndFile

/// Human names for libsndfile's `SF_FORMAT_*` codes, as `undertone info` prints them.
enum SoundFileFormat {
    static func containerName(_ format: Int32) -> String {
        switch Int(format) & Int(SF_FORMAT_TYPEMASK) {
        case SF_FORMAT_WAV: "WAV"
        case SF_FORMAT_WAVEX: "WAV (extensible)"
        case SF_FORMAT_RF64: "RF64"
        case SF_FORMAT_W64: "W64"
        case SF_FORMAT_AIFF: "AIFF"
        case SF_FORMAT_AU: "AU"
        case SF_FORMAT_CAF: "CAF"
        case SF_FORMAT_FLAC: "FLAC"
        case SF_FORMAT_OGG: "OGG"
        case SF_FORMAT_MPEG: "MP3"
        case SF_FORMAT_RAW: "RAW"
        case SF_FORMAT_NIST: "NIST SPHERE"
        case SF_FORMAT_VOC: "VOC"
        case SF_FORMAT_IRCAM: "IRCAM"
        case SF_FORMAT_PAF: "PAF"
        case SF_FORMAT_SVX: "SVX"
        case SF_FORMAT_MAT4: "MAT4"
        case SF_FORMAT_MAT5: "MAT5"
        case SF_FORMAT_PVF: "PVF"
        case SF_FORMAT_XI: "XI"
        case SF_FORMAT_HTK: "HTK"
        case SF_FORMAT_SDS: "SDS"
        case SF_FORMAT_AVR: "AVR"
        case SF_FORMAT_SD2: "SD2"
        case SF_FORMAT_WVE: "WVE"
        case SF_FORMAT_MPC2K: "MPC2K"
        case let other: "format 0x" + String(other >> 16, radix: 16)
        }
    }

    static func codecName(_ format: Int32) -> String {
        switch Int(format) & Int(SF_FORMAT_SUBMASK) {
        case SF_FORMAT_PCM_S8: "PCM 8-bit"
        case SF_FORMAT_PCM_U8: "PCM 8-bit unsigned"
        case SF_FORMAT_PCM_16: "PCM 16-bit"
        case SF_FORMAT_PCM_24: "PCM 24-bit"
        case SF_FORMAT_PCM_32: "PCM 32-bit"
        case SF_FORMAT_FLOAT: "float 32-bit"
        case SF_FORMAT_DOUBLE: "float 64-bit"
        case SF_FORMAT_ULAW: "u-law"
        case SF_FORMAT_ALAW: "A-law"
        case SF_FORMAT_IMA_ADPCM: "IMA ADPCM"
        case SF_FORMAT_MS_ADPCM: "Microsoft ADPCM"
        case SF_FORMAT_GSM610: "GSM 6.10"
        case SF_FORMAT_VOX_ADPCM: "OKI ADPCM"
        case SF_FORMAT_NMS_ADPCM_16, SF_FORMAT_NMS_ADPCM_24, SF_FORMAT_NMS_ADPCM_32: "NMS ADPCM"
        case SF_FORMAT_G721_32: "G.721 ADPCM 32 kbit/s"
        case SF_FORMAT_G723_24: "G.723 ADPCM 24 kbit/s"
        case SF_FORMAT_G723_40: "G.723 ADPCM 40 kbit/s"
        case SF_FORMAT_DWVW_12, SF_FORMAT_DWVW_16, SF_FORMAT_DWVW_24, SF_FORMAT_DWVW_N: "DWVW"
        case SF_FORMAT_DPCM_8, SF_FORMAT_DPCM_16: "DPCM"
        case SF_FORMAT_VORBIS: "Vorbis"
        case SF_FORMAT_OPUS: "Opus"
        case SF_FORMAT_ALAC_16, SF_FORMAT_ALAC_20, SF_FORMAT_ALAC_24, SF_FORMAT_ALAC_32: "ALAC"
        case SF_FORMAT_MPEG_LAYER_I: "MPEG layer I"
        case SF_FORMAT_MPEG_LAYER_II: "MPEG layer II"
        case SF_FORMAT_MPEG_LAYER_III: "MPEG layer III"
        case let other: "codec 0x" + String(other, radix: 16)
        }
    }

    /// Codecs whose decoders may legitimately deliver slightly fewer frames than an estimated length header says.
    static func lengthIsEstimated(_ format: Int32) -> Bool {
        Int(format) & Int(SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG
    }
}
